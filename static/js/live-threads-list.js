// A network's list of threads, live: "Messages" and "New for you" follow thread.activity events
// (re-dispatched by live.js as the DOM event zn:thread-activity). Progressive enhancement: without
// JavaScript the counts are those of the page load.
//
// Each row carries data-thread-id, data-last-post-seq (the thread's newest post number when the page
// was drawn) and data-read-seq (how far the viewer had read). A post numbered above the read marker
// is new for the viewer, unless they wrote it (the payload's author_id, when present). Threads that
// are not on the page (started since it loaded) are announced with a link that reloads the list.

const root = document.getElementById('live-threads')
const table = document.querySelector('table.zn-threads[data-network-id]')

if (root) {
  start(JSON.parse(root.dataset.live))
}

function start (config) {
  const text = config.text
  const networkId = table ? Number(table.dataset.networkId) : config.networkId
  const status = document.createElement('p')
  status.className = 'govuk-body-s zn-live-line'
  status.setAttribute('aria-live', 'polite')
  status.id = 'live-threads-status'
  const heading = document.getElementById('threads')
  if (heading) {
    heading.after(status)
  } else if (table) {
    table.before(status)
  } else {
    root.before(status)
  }

  function fill (template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole
    })
  }

  function newLink (row, count) {
    const cell = row.querySelector('[data-unread]')
    if (!cell) {
      return
    }
    const title = row.querySelector('td a')
    const anchor = document.createElement('a')
    anchor.className = 'govuk-link'
    anchor.href = config.unreadUrl.replace('{id}', row.dataset.threadId)
    anchor.textContent = fill(count === 1 ? text.newOne : text.newMany, { num: count })
    const extra = document.createElement('span')
    extra.className = 'govuk-visually-hidden'
    extra.textContent = ' ' + fill(text.goToUnread, { title: title ? title.textContent : '' })
    anchor.append(extra)
    cell.replaceChildren(anchor)
  }

  document.addEventListener('zn:thread-activity', function (event) {
    const activity = event.detail || {}
    if (activity.network_id !== networkId) {
      return
    }
    const row = table && table.querySelector('tr[data-thread-id="' + Number(activity.thread_id) + '"]')
    if (!row) {
      if (!document.getElementById('live-threads-new')) {
        const notice = document.createElement('p')
        notice.id = 'live-threads-new'
        notice.className = 'govuk-body'
        const reload = document.createElement('a')
        reload.className = 'govuk-link'
        reload.href = window.location.pathname + window.location.search
        reload.textContent = text.reload
        notice.append(text.newThreads + ' ', reload)
        status.after(notice)
      }
      status.textContent = text.newThreads
      return
    }
    const shown = Number(row.dataset.lastPostSeq || 0)
    if (activity.last_post_seq <= shown) {
      return // an old or repeated event
    }
    row.dataset.lastPostSeq = String(activity.last_post_seq)
    const count = row.querySelector('[data-post-count]')
    if (count) {
      count.textContent = String(activity.post_count)
    }
    if (activity.author_id === config.viewerId) {
      return
    }
    const unread = Number(row.dataset.unreadCount || 0) + (activity.last_post_seq - shown)
    row.dataset.unreadCount = String(unread)
    newLink(row, unread)
    const title = row.querySelector('td a')
    status.textContent = fill(text.announce, { title: title ? title.textContent : '' })
  })
}
