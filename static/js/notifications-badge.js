// Keeps the header's "Notifications (N)" up to date while a page is open, and announces new ones politely.
//
// The count comes from the server with the page (notifications/badge.py). static/js/live.js owns the
// page's one Socket.IO connection and dispatches each `notification` event from the server as a
// `zn:notification` DOM event on `document` (detail {id, kind, title, url, created_at, unread_count});
// this script only listens. Without JavaScript the count is simply as of the page load.
(function () {
  'use strict'

  const badge = document.querySelector('[data-zn-notifications-badge]')
  if (!badge) {
    return
  }
  const wrapper = badge.querySelector('.zn-notifications-count')
  const number = badge.querySelector('[data-zn-count]')
  const status = badge.querySelector('[data-zn-notifications-status]')
  let pending = null

  function current () {
    const value = parseInt(badge.getAttribute('data-unread') || '0', 10)
    return Number.isNaN(value) ? 0 : value
  }

  function show (count) {
    badge.setAttribute('data-unread', String(count))
    if (number) {
      number.textContent = String(count)
    }
    if (wrapper) {
      wrapper.hidden = count <= 0
    }
  }

  function announce (title) {
    if (!status) {
      return
    }
    // Empty the live region first, so that the same words are read out again for a second notification.
    status.textContent = ''
    window.clearTimeout(pending)
    pending = window.setTimeout(function () {
      status.textContent = (status.getAttribute('data-zn-announce') || '') + ' ' + title
    }, 150)
  }

  document.addEventListener('zn:notification', function (event) {
    const detail = (event && event.detail) || {}
    const count = Number.isInteger(detail.unread_count) ? detail.unread_count : current() + 1
    show(count)
    if (typeof detail.title === 'string' && detail.title) {
      announce(detail.title)
    }
  })
})()
