// The thread page, live (progressive enhancement: without this script the page and its forms work by reloading).
//
// Uses the page's one connection (window.ZoneLive.socket, opened by live.js) and the protocol in
// docs/LIVE_PROTOCOL.md:
// - Keeps `lastSeq`, the highest change number it has merged. On every (re)connect it sends
//   thread.join {thread_id, after_seq: lastSeq} and merges the changes in the answer (asking again
//   while `more` is true). An event whose seq is more than lastSeq + 1 means something was missed:
//   it merges the event and asks for everything after lastSeq.
// - Merges by post id: a change is applied only when its change_seq is newer than the one shown, so
//   its own post arriving both as the ack and as the broadcast is shown once. Posts are placed by
//   their `seq` (creation order). New posts are added only on the last page of the thread.
// - The reply form is sent over the socket with a client_id (crypto.randomUUID): the post shows
//   "Sending…", then "Sent", or "Not sent" with a button that sends it again with the same
//   client_id (the server returns the original if it had arrived). With no connection the form
//   posts as usual.
// - Reaction buttons toggle over the socket; Quote fills in the reply box; typing and presence are
//   shown in polite live regions, and new posts by others are announced.
// No inline scripts or styles (CSP): everything is built with DOM methods; body_html comes from the
// server, which rendered and sanitised it.

import { createRenderer } from './live-thread-render.js'

const ACK_TIMEOUT = 10000
const PING_EVERY = 30000
const TYPING_EVERY = 2000
const TYPING_SHOWN_FOR = 4000
const READ_AFTER = 2000

const root = document.getElementById('live-thread')
const list = document.getElementById('posts')
const live = window.ZoneLive

if (root && list && live && live.socket) {
  start(JSON.parse(root.dataset.live), live.socket)
}

function start (config, socket) {
  const text = config.text
  const threadId = config.threadId
  const onLastPage = list.dataset.lastPage === 'true'
  const known = new Map() // post id -> {seq, changeSeq}
  const mine = new Map() // post id -> Set of the viewer's reactions
  const pending = new Map() // client_id -> {element, body, quoteOf}
  const typists = new Map() // person id -> {name, timer}
  let lastSeq = Number(list.dataset.lastSeq || 0)
  let joined = false
  let joining = false
  let joinAgain = false
  let wasOffline = false
  let lastTyping = 0
  let pinger = null
  const draw = createRenderer(config, mine)
  const fill = draw.fill
  const link = draw.link
  const namesList = draw.namesList
  const renderPost = draw.renderPost
  const showReactions = draw.showReactions
  let readTimer = null
  let readSent = 0

  const status = document.getElementById('live-status') || region('live-status')
  if (!status.isConnected) {
    list.before(status)
  }
  status.classList.add('zn-live-line')
  const presenceLine = region('live-presence')
  const typingLine = region('live-typing')
  status.after(presenceLine, typingLine)

  list.querySelectorAll('li[data-post-id]').forEach(function (item) {
    const id = Number(item.dataset.postId)
    known.set(id, { seq: Number(item.dataset.seq), changeSeq: Number(item.dataset.changeSeq) })
    const pressed = new Set()
    item.querySelectorAll('button[data-emoji][aria-pressed="true"]').forEach(function (button) {
      pressed.add(button.dataset.emoji)
    })
    mine.set(id, pressed)
  })

  function region (id) {
    const element = document.createElement('p')
    element.id = id
    element.className = 'govuk-body-s zn-live-line'
    element.setAttribute('aria-live', 'polite')
    return element
  }

  function say (message) {
    // Re-setting the same words would not be announced again: clear first.
    status.textContent = ''
    window.setTimeout(function () { status.textContent = message }, 50)
  }

  function place (item, seq) {
    const later = Array.prototype.find.call(list.querySelectorAll('li[data-seq]'), function (other) {
      return Number(other.dataset.seq) > seq
    })
    // Messages still being sent stay at the bottom, below every stored post.
    list.insertBefore(item, later || list.querySelector('li.zn-post--pending'))
  }

  function sendState (item, words) {
    let line = item.querySelector('[data-send-state]')
    if (!line) {
      line = document.createElement('p')
      line.className = 'govuk-body-s govuk-!-margin-bottom-1 zn-send-state'
      line.dataset.sendState = ''
      item.append(line)
    }
    line.textContent = words
    return line
  }

  // Merging changes -------------------------------------------------------------------------------

  function lowestSeqShown () {
    const first = list.querySelector('li[data-seq]')
    return first ? Number(first.dataset.seq) : 0
  }

  function merge (post, announce) {
    const seen = known.get(post.id)
    if (seen && post.change_seq <= seen.changeSeq) {
      return // already showing this change or a newer one
    }
    const waiting = post.client_id && post.author && post.author.id === config.viewer.id
      ? pending.get(post.client_id)
      : null
    let item = document.getElementById('post-' + post.id)
    if (!item && !waiting) {
      if (!onLastPage || post.seq < lowestSeqShown()) {
        if (!onLastPage && !seen && announce) {
          noticeElsewhere()
        }
        return // it belongs to another page of the thread
      }
    }
    known.set(post.id, { seq: post.seq, changeSeq: post.change_seq })
    if (!mine.has(post.id)) {
      mine.set(post.id, new Set())
    }
    const fresh = renderPost(post)
    if (waiting) {
      // The message being sent has been stored: show it in its place in the thread (by seq).
      pending.delete(post.client_id)
      const focused = waiting.element.contains(document.activeElement)
      waiting.element.remove()
      if (item) {
        item.remove()
      }
      place(fresh, post.seq)
      sendState(fresh, text.sent)
      if (focused) {
        refocus(document.activeElement, fresh)
      }
      return
    }
    if (item) {
      const state = item.querySelector('[data-send-state]')
      if (state) {
        fresh.append(state)
      }
      const focused = item.contains(document.activeElement) ? document.activeElement : null
      item.replaceWith(fresh)
      refocus(focused, fresh)
      return
    }
    place(fresh, post.seq)
    markRead()
    if (announce && post.author && post.author.id !== config.viewer.id && !post.deleted && !post.hidden) {
      say(fill(text.newMessage, { name: post.author.name }))
    }
  }

  // After redrawing a post, put keyboard focus back on the same control (or on the post itself).
  function refocus (focused, fresh) {
    if (!focused) {
      return
    }
    const same = Array.prototype.find.call(fresh.querySelectorAll('a, button'), function (control) {
      return control.tagName === focused.tagName && control.textContent === focused.textContent
    })
    if (same) {
      same.focus()
    } else {
      fresh.setAttribute('tabindex', '-1')
      fresh.focus()
    }
  }

  function noticeElsewhere () {
    if (document.getElementById('live-new-elsewhere')) {
      return
    }
    const notice = document.createElement('p')
    notice.id = 'live-new-elsewhere'
    notice.className = 'govuk-body'
    notice.append(text.newElsewhere + ' ', link(config.urls.lastPage, text.goToNew))
    list.before(notice)
    say(text.newElsewhere)
  }

  function applyReactions (postId, seq, counts) {
    const seen = known.get(postId)
    if (!seen || seq <= seen.changeSeq) {
      return
    }
    seen.changeSeq = seq
    const item = document.getElementById('post-' + postId)
    if (item) {
      item.dataset.changeSeq = String(seq)
      showReactions(item, postId, counts)
    }
  }

  // Tell the server how far the person has read (the newest post shown), a little after posts arrive,
  // and only while the page is in view: the thread list then stops counting them as new.
  function markRead () {
    if (readTimer || !onLastPage) {
      return
    }
    readTimer = window.setTimeout(function () {
      readTimer = null
      if (document.visibilityState !== 'visible' || !socket.connected) {
        return
      }
      const newest = Math.max.apply(null, Array.prototype.map.call(list.querySelectorAll('li[data-seq]'),
        function (item) { return Number(item.dataset.seq) }).concat([0]))
      if (newest > readSent) {
        readSent = newest
        socket.emit('thread.read', { thread_id: threadId, seq: newest })
      }
    }, READ_AFTER)
  }

  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') {
      markRead()
    }
  })

  // An event with a change number: merge it, move lastSeq on when there is no gap, else catch up.
  function onChange (seq, apply) {
    apply()
    if (seq === lastSeq + 1) {
      lastSeq = seq
    } else if (seq > lastSeq + 1) {
      join()
    }
  }

  // Joining and catching up -------------------------------------------------------------------------

  function join () {
    if (!socket.connected) {
      return
    }
    if (joining) {
      joinAgain = true
      return
    }
    joining = true
    socket.timeout(ACK_TIMEOUT).emit('thread.join', { thread_id: threadId, after_seq: lastSeq }, function (error, answer) {
      joining = false
      if (error) {
        joinAgain = false
        window.setTimeout(join, 2000) // no answer: try again shortly (also done on every reconnect)
        return
      }
      if (!answer || !answer.ok) {
        joined = false
        say(text.lostAccess)
        return
      }
      joined = true
      answer.posts.forEach(function (post) { merge(post, true) })
      lastSeq = Math.max(lastSeq, answer.last_seq)
      if (answer.more || joinAgain) {
        joinAgain = false
        join()
      }
    })
  }

  socket.on('post.created', function (event) {
    if (event.thread_id === threadId) {
      onChange(event.seq, function () { merge(event.post, true) })
    }
  })
  socket.on('post.updated', function (event) {
    if (event.thread_id === threadId) {
      onChange(event.seq, function () { merge(event.post, false) })
    }
  })
  socket.on('post.deleted', function (event) {
    if (event.thread_id === threadId) {
      onChange(event.seq, function () { merge(event.post, false) })
    }
  })
  socket.on('reaction.updated', function (event) {
    if (event.thread_id === threadId) {
      onChange(event.seq, function () { applyReactions(event.post_id, event.seq, event.reactions) })
    }
  })

  socket.on('presence', function (event) {
    if (event.thread_id !== threadId) {
      return
    }
    const names = event.viewers.map(function (viewer) {
      return viewer.id === config.viewer.id ? fill(text.you, { name: viewer.name }) : viewer.name
    })
    presenceLine.textContent = names.length ? fill(text.viewing, { names: namesList(names) }) : ''
  })

  function showTypists () {
    const names = Array.from(typists.values()).map(function (typist) { return typist.name })
    if (!names.length) {
      typingLine.textContent = ''
    } else if (names.length === 1) {
      typingLine.textContent = fill(text.typingOne, { name: names[0] })
    } else {
      typingLine.textContent = fill(text.typingMany, { names: namesList(names) })
    }
  }

  socket.on('typing', function (event) {
    if (event.thread_id !== threadId || !event.user || event.user.id === config.viewer.id) {
      return
    }
    const before = typists.get(event.user.id)
    if (before) {
      window.clearTimeout(before.timer)
    }
    typists.set(event.user.id, {
      name: event.user.name,
      timer: window.setTimeout(function () {
        typists.delete(event.user.id)
        showTypists()
      }, TYPING_SHOWN_FOR)
    })
    if (!before) {
      showTypists()
    }
  })

  socket.on('connect', function () {
    if (wasOffline) {
      say(text.online)
      wasOffline = false
    }
    join()
  })

  let sessionEnded = false

  socket.on('disconnect', function () {
    joined = false
    wasOffline = true
    if (!sessionEnded) {
      say(text.offline)
    }
  })

  document.addEventListener('zn:session-ended', function () {
    sessionEnded = true
    say(text.sessionEnded)
  })

  pinger = window.setInterval(function () {
    if (socket.connected && joined) {
      socket.emit('presence.ping', { thread_id: threadId })
    }
  }, PING_EVERY)
  window.addEventListener('pagehide', function () {
    window.clearInterval(pinger)
    if (socket.connected) {
      socket.emit('thread.leave', { thread_id: threadId })
    }
  })

  if (socket.connected) {
    join()
  }

  // Sending ---------------------------------------------------------------------------------------

  const form = document.getElementById('reply-form')
  const box = form ? form.querySelector('textarea[name="body"]') : null
  const quoteField = form ? form.querySelector('input[name="quote_of"]') : null

  function newClientId () {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') {
      return window.crypto.randomUUID()
    }
    return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2)
  }

  function showPending (clientId, body) {
    const item = document.createElement('li')
    item.className = 'zn-post zn-post--pending'
    item.dataset.clientId = clientId
    const meta = document.createElement('p')
    meta.className = 'govuk-body-s govuk-!-margin-bottom-1 zn-post__meta'
    const who = document.createElement('strong')
    who.textContent = config.viewer.name
    meta.append(who)
    const words = document.createElement('p')
    words.className = 'govuk-body zn-post__pending-text'
    words.textContent = body
    item.append(meta, words)
    list.append(item)
    sendState(item, text.sending)
    return item
  }

  function failed (clientId, message) {
    const waiting = pending.get(clientId)
    if (!waiting) {
      return
    }
    const line = sendState(waiting.element, text.notSent + ' ' + message + ' ')
    const retry = document.createElement('button')
    retry.type = 'button'
    retry.className = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0 zn-retry'
    retry.textContent = text.retry
    retry.addEventListener('click', function () {
      send(clientId)
    })
    line.append(retry)
    say(text.notSent + ' ' + message)
    retry.focus()
  }

  function send (clientId) {
    const waiting = pending.get(clientId)
    if (!waiting) {
      return
    }
    sendState(waiting.element, text.sending)
    const payload = { thread_id: threadId, body: waiting.body, client_id: clientId }
    if (waiting.quoteOf) {
      payload.quote_of = waiting.quoteOf
    }
    socket.timeout(ACK_TIMEOUT).emit('post.create', payload, function (error, answer) {
      if (error) {
        failed(clientId, text.timeout)
      } else if (!answer || !answer.ok) {
        failed(clientId, (answer && answer.error) || text.timeout)
      } else if (pending.has(clientId)) {
        merge(answer.post, false)
      } else {
        const item = document.getElementById('post-' + answer.post.id)
        if (item) {
          sendState(item, text.sent)
        }
      }
    })
  }

  if (form && box) {
    form.addEventListener('submit', function (event) {
      // Without a connection (or with nothing to send) the form posts as usual: the server answers.
      if (!socket.connected || !onLastPage || !box.value.trim()) {
        return
      }
      event.preventDefault()
      const clientId = newClientId()
      const quoteOf = quoteField && /^[0-9]+$/.test(quoteField.value) ? Number(quoteField.value) : null
      pending.set(clientId, { element: showPending(clientId, box.value), body: box.value, quoteOf: quoteOf })
      box.value = ''
      if (quoteField) {
        quoteField.value = ''
      }
      send(clientId)
    })

    box.addEventListener('input', function () {
      const now = Date.now()
      if (socket.connected && joined && now - lastTyping > TYPING_EVERY) {
        lastTyping = now
        socket.emit('typing', { thread_id: threadId })
      }
    })
  }

  // Reactions and quotes --------------------------------------------------------------------------

  list.addEventListener('submit', function (event) {
    const button = event.submitter
    if (!socket.connected || !button || !button.dataset.emoji) {
      return
    }
    const item = button.closest('li[data-post-id]')
    if (!item) {
      return
    }
    event.preventDefault()
    const postId = Number(item.dataset.postId)
    const emoji = button.dataset.emoji
    socket.timeout(ACK_TIMEOUT).emit('reaction.toggle', { post_id: postId, emoji: emoji }, function (error, answer) {
      if (error || !answer || !answer.ok) {
        say(text.notSent + ' ' + ((answer && answer.error) || text.timeout))
        return
      }
      const pressed = mine.get(postId) || new Set()
      if (pressed.has(emoji)) {
        pressed.delete(emoji)
      } else {
        pressed.add(emoji)
      }
      mine.set(postId, pressed)
      const current = document.getElementById('post-' + postId)
      if (current) {
        showReactions(current, postId, answer.reactions)
      }
    })
  })

  list.addEventListener('click', function (event) {
    const quote = event.target.closest && event.target.closest('a[data-quote]')
    if (!quote || !box || !quoteField) {
      return
    }
    const item = quote.closest('li[data-post-id]')
    const body = item && item.querySelector('[data-post-body]')
    if (!body) {
      return
    }
    event.preventDefault()
    const lines = body.innerText.trim().split('\n')
    const quoted = lines.map(function (line) { return line ? '> ' + line : '>' }).join('\n') + '\n\n'
    box.value = quoted + box.value
    quoteField.value = quote.dataset.quote
    box.focus()
    box.setSelectionRange(box.value.length, box.value.length)
  })
}
