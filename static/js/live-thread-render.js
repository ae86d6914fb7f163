// Drawing posts for the live thread page (static/js/live-thread.js), like templates/discussions/_post.html.
//
// createRenderer(config, mine) returns the functions that build a post, its reactions and its links
// from a post payload (docs/LIVE_PROTOCOL.md) with DOM methods only (no inline scripts or styles).
// `config` is the page's #live-thread settings (words, addresses, what the viewer may do); `mine`
// maps a post id to the Set of the viewer's own reactions. body_html is inserted as it comes: the
// server rendered and sanitised it.

export function createRenderer (config, mine) {
  const text = config.text

  function fill (template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole
    })
  }

  function url (name, id) {
    return config.urls[name].replace('{id}', String(id))
  }

  function namesList (names) {
    if (names.length < 2) {
      return names.join('')
    }
    return names.slice(0, -1).join(', ') + ' ' + text.and + ' ' + names[names.length - 1]
  }

  function link (href, words, hidden) {
    const anchor = document.createElement('a')
    anchor.className = 'govuk-link'
    anchor.href = href
    anchor.textContent = words
    if (hidden) {
      const extra = document.createElement('span')
      extra.className = 'govuk-visually-hidden'
      extra.textContent = ' ' + hidden
      anchor.append(extra)
    }
    return anchor
  }

  function when (iso) {
    try {
      // Like the server's dates (london_datetime): "26 November 2026 at 4:56PM", in London time.
      const locale = document.documentElement.lang === 'cy' ? 'cy-GB' : 'en-GB'
      return new Intl.DateTimeFormat(locale, {
        day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true,
        timeZone: 'Europe/London'
      }).format(new Date(iso)).replace(/\s([ap])\.?m\.?$/i, function (whole, letter) { return letter.toUpperCase() + 'M' })
    } catch (error) {
      return iso
    }
  }

  // Rendering ------------------------------------------------------------------------------------

  function authorName (post) {
    return post.author ? post.author.name : text.formerMember
  }

  function renderMeta (post) {
    const meta = document.createElement('p')
    meta.className = 'govuk-body-s govuk-!-margin-bottom-1 zn-post__meta'
    if (post.author) {
      const who = link(url('profile', post.author.id), post.author.name)
      who.classList.add('govuk-!-font-weight-bold')
      meta.append(who, ', ' + (post.author.zone || ''))
    } else {
      const who = document.createElement('strong')
      who.textContent = text.formerMember
      meta.append(who)
    }
    const time = document.createElement('time')
    time.dateTime = post.created_at
    time.textContent = when(post.created_at)
    meta.append(' · ', time)
    if (post.edited_at && !post.deleted && !post.hidden) {
      meta.append(' · ', link(url('history', post.id), text.edited, text.seeHistory))
    }
    return meta
  }

  function renderBody (post) {
    if (post.deleted || post.hidden) {
      const tombstone = document.createElement('p')
      tombstone.className = 'govuk-body zn-tombstone'
      tombstone.dataset.postBody = ''
      tombstone.textContent = post.deleted ? text.deleted : text.hidden
      return [tombstone]
    }
    const parts = []
    if (post.quote_of) {
      const quote = document.createElement('p')
      quote.className = 'govuk-body-s govuk-!-margin-bottom-1 zn-post__quote-of'
      quote.append(link(url('post', post.quote_of.id),
        fill(text.replyingTo, { name: post.quote_of.author_name || text.formerMember })))
      parts.push(quote)
    }
    const body = document.createElement('div')
    body.className = 'zn-markdown'
    body.dataset.postBody = ''
    body.innerHTML = post.body_html // rendered and sanitised by the server (nh3)
    parts.push(body)
    return parts
  }

  function renderReactions (postId, counts, name) {
    const box = document.createElement('div')
    box.className = 'zn-reactions'
    box.dataset.reactions = ''
    const pressedSet = mine.get(postId) || new Set()
    if (config.canPost) {
      const form = document.createElement('form')
      form.method = 'post'
      form.action = url('react', postId)
      form.className = 'zn-inline-form'
      form.noValidate = true
      const token = document.createElement('input')
      token.type = 'hidden'
      token.name = 'csrf_token'
      token.value = config.csrf
      form.append(token)
      config.reactions.forEach(function (reaction) {
        const count = counts[reaction.emoji] || 0
        const pressed = pressedSet.has(reaction.emoji)
        const button = document.createElement('button')
        button.type = 'submit'
        button.name = 'emoji'
        button.value = reaction.emoji
        button.className = 'zn-reaction' + (pressed ? ' zn-reaction--pressed' : '')
        button.setAttribute('aria-pressed', pressed ? 'true' : 'false')
        button.dataset.emoji = reaction.emoji
        const face = document.createElement('span')
        face.setAttribute('aria-hidden', 'true')
        face.textContent = reaction.emoji
        button.append(face)
        if (count) {
          const number = document.createElement('span')
          number.className = 'zn-reaction__count'
          number.setAttribute('aria-hidden', 'true')
          number.textContent = String(count)
          button.append(' ', number)
        }
        const label = document.createElement('span')
        label.className = 'govuk-visually-hidden'
        label.textContent = reaction.label + ': ' + count + ', ' + (pressed ? text.pressToUndo : text.pressToReact) +
          ' (' + fill(text.messageBy, { name: name }) + ')'
        button.append(' ', label)
        form.append(button, ' ')
      })
      box.append(form)
    } else if (Object.keys(counts).length) {
      const line = document.createElement('p')
      line.className = 'govuk-body-s'
      config.reactions.forEach(function (reaction) {
        if (!counts[reaction.emoji]) {
          return
        }
        const item = document.createElement('span')
        item.className = 'zn-reaction'
        const face = document.createElement('span')
        face.setAttribute('aria-hidden', 'true')
        face.textContent = reaction.emoji + ' ' + counts[reaction.emoji]
        const label = document.createElement('span')
        label.className = 'govuk-visually-hidden'
        label.textContent = reaction.label + ': ' + counts[reaction.emoji]
        item.append(face, label)
        line.append(item, ' ')
      })
      box.append(line)
    }
    return box
  }

  function renderActions (post) {
    const actions = document.createElement('p')
    actions.className = 'govuk-body-s zn-post__actions'
    const gone = post.deleted || post.hidden
    const name = authorName(post)
    const own = post.author && post.author.id === config.viewer.id
    if (!gone && config.canPost) {
      const quote = link(url('quote', post.id), text.quote, fill(text.messageBy, { name: name }))
      quote.dataset.quote = String(post.id)
      actions.append(quote, ' ')
    }
    if (!gone && own) {
      actions.append(link(url('edit', post.id), text.edit, text.yourMessage), ' ')
      actions.append(link(url('delete', post.id), text.delete, text.yourMessage), ' ')
    }
    if (!gone && config.canModerate) {
      actions.append(link(url('hide', post.id), text.hide, fill(text.messageBy, { name: name })), ' ')
    }
    if (!gone && !own) {
      actions.append(link(url('report', post.id), text.report, fill(text.messageBy, { name: name })))
    }
    return actions
  }

  function renderPost (post) {
    const item = document.createElement('li')
    item.className = 'zn-post'
    item.id = 'post-' + post.id
    item.dataset.postId = String(post.id)
    item.dataset.seq = String(post.seq)
    item.dataset.changeSeq = String(post.change_seq)
    item.append(renderMeta(post))
    renderBody(post).forEach(function (part) { item.append(part) })
    if (!post.deleted && !post.hidden) {
      item.append(renderReactions(post.id, post.reactions || {}, authorName(post)))
    }
    item.append(renderActions(post))
    return item
  }

  // Update the reaction buttons in place (keeping keyboard focus where it is), or redraw the box.
  function showReactions (item, postId, counts) {
    const box = item.querySelector('[data-reactions]')
    if (!box) {
      return
    }
    const meta = item.querySelector('.zn-post__meta a, .zn-post__meta strong')
    const name = meta ? meta.textContent : text.formerMember
    const buttons = box.querySelectorAll('button[data-emoji]')
    if (!config.canPost || buttons.length !== config.reactions.length) {
      box.replaceWith(renderReactions(postId, counts, name))
      return
    }
    const pressedSet = mine.get(postId) || new Set()
    config.reactions.forEach(function (reaction, index) {
      const button = buttons[index]
      const count = counts[reaction.emoji] || 0
      const pressed = pressedSet.has(reaction.emoji)
      button.classList.toggle('zn-reaction--pressed', pressed)
      button.setAttribute('aria-pressed', pressed ? 'true' : 'false')
      let number = button.querySelector('.zn-reaction__count')
      if (count && !number) {
        number = document.createElement('span')
        number.className = 'zn-reaction__count'
        number.setAttribute('aria-hidden', 'true')
        button.querySelector('[aria-hidden="true"]').after(' ', number)
      }
      if (number) {
        if (count) {
          number.textContent = String(count)
        } else {
          number.remove()
        }
      }
      const label = button.querySelector('.govuk-visually-hidden')
      if (label) {
        label.textContent = reaction.label + ': ' + count + ', ' + (pressed ? text.pressToUndo : text.pressToReact) +
          ' (' + fill(text.messageBy, { name: name }) + ')'
      }
    })
  }

  return {
    fill: fill,
    url: url,
    namesList: namesList,
    link: link,
    renderPost: renderPost,
    renderReactions: renderReactions,
    showReactions: showReactions
  }
}
