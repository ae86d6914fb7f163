// The page's one live connection (Socket.IO namespace /live), for signed-in people on every page.
//
// Progressive enhancement: without this script (or without a connection) every page still works;
// pages simply show what was there when they loaded. The server puts the connection in the rooms
// it may have (its person, their networks); this script never names a room.
//
// Server events other scripts care about are re-dispatched on `document` as DOM CustomEvents
// (detail = the event's payload), so no other script opens a socket of its own:
//   notification      -> zn:notification        {id, kind, title, url, created_at, unread_count}
//   thread.activity   -> zn:thread-activity     {thread_id, network_id, last_post_seq, post_count}
//   challenge.created -> zn:challenge-created   {id, title, url, network_id, zone}
//   session.ended     -> zn:session-ended       {error} (also sent when the server refuses to reconnect)
// and the connection's state as zn:live-connected / zn:live-disconnected (detail {reason}).
// Scripts that need the socket itself (the thread page) use window.ZoneLive.socket.
(function () {
  'use strict'

  if (typeof window.io !== 'function' || window.ZoneLive) {
    return
  }

  const FORWARDED = {
    notification: 'zn:notification',
    'thread.activity': 'zn:thread-activity',
    'challenge.created': 'zn:challenge-created'
  }

  const socket = window.io('/live', { transports: ['websocket', 'polling'] })
  let ended = false

  function dispatch (name, detail) {
    document.dispatchEvent(new CustomEvent(name, { detail: detail }))
  }

  Object.keys(FORWARDED).forEach(function (event) {
    socket.on(event, function (payload) {
      dispatch(FORWARDED[event], payload)
    })
  })

  socket.on('connect', function () {
    dispatch('zn:live-connected', {})
  })

  socket.on('disconnect', function (reason) {
    dispatch('zn:live-disconnected', { reason: reason })
    // The client reconnects by itself after a dropped connection, but not when the server closed it:
    // that happens when the person's access changed (a membership ended). Reconnect once, a little
    // later, so the server can give the connection the rooms the person still has; a session that
    // has ended is refused at connect and the client stops there.
    if (reason === 'io server disconnect' && !ended) {
      window.setTimeout(function () { socket.connect() }, 1000 + Math.floor(Math.random() * 2000))
    }
  })

  socket.on('connect_error', function () {
    // A refusal by the server (not a network failure, which the client retries by itself) means the
    // person's session has ended or their account was closed since the page was loaded.
    if (!socket.active && !ended) {
      ended = true
      dispatch('zn:session-ended', {})
    }
  })

  socket.on('session.ended', function (payload) {
    ended = true
    dispatch('zn:session-ended', payload || {})
  })

  window.ZoneLive = { socket: socket }
})()
