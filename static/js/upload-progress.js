// Upload forms with a progress bar (progressive enhancement: without this script the forms post normally).
//
// A form with data-module="upload-progress" is sent with XMLHttpRequest and FormData, so that
// upload.onprogress can move the <progress id="upload-progress"> bar and say "Uploaded 45%" in an
// aria-live region (in steps of 10%, so screen readers are not flooded). The request asks for JSON:
// on success the server answers {"location": url} and we go there (the page shows the success
// message). Any other answer is a page (the form with its error summary, or the 413 or 429 page):
// its <main> and title replace ours, and the error summary gets focus, as after a normal post.

const ANNOUNCE_STEP = 10

function text (status, key, percent) {
  const template = status.dataset[key] || ''
  return template.replace('{percent}', String(percent))
}

function showPage (html) {
  const page = new DOMParser().parseFromString(html, 'text/html')
  const main = page.querySelector('main')
  const ours = document.querySelector('main')
  if (!main || !ours) {
    return false
  }
  ours.replaceWith(document.adoptNode(main))
  if (page.title) {
    document.title = page.title
  }
  const summary = document.querySelector('.govuk-error-summary')
  const target = summary || document.querySelector('main h1')
  if (target) {
    target.setAttribute('tabindex', '-1')
    target.focus()
  }
  document.querySelectorAll('[data-module="upload-progress"]').forEach(enhance)
  return true
}

function enhance (form) {
  if (form.dataset.uploadProgressReady) {
    return
  }
  form.dataset.uploadProgressReady = 'true'
  const panel = form.querySelector('[data-upload-progress-panel]')
  const bar = form.querySelector('#upload-progress')
  const status = form.querySelector('[data-upload-progress-status]')
  if (!panel || !bar || !status || !window.FormData || !window.XMLHttpRequest) {
    return
  }
  const buttons = () => form.querySelectorAll('button[type="submit"], input[type="submit"]')
  let busy = false

  function finish (message) {
    busy = false
    buttons().forEach((button) => { button.disabled = false })
    panel.hidden = true
    status.textContent = message || ''
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    if (busy) {
      return
    }
    busy = true
    buttons().forEach((button) => { button.disabled = true })
    bar.value = 0
    bar.textContent = '0%'
    panel.hidden = false
    status.textContent = text(status, 'textProgress', 0)
    let announced = 0

    const request = new XMLHttpRequest()
    request.open('POST', form.action)
    request.setRequestHeader('Accept', 'application/json')
    request.upload.addEventListener('progress', (progress) => {
      if (!progress.lengthComputable || progress.total === 0) {
        return
      }
      const percent = Math.min(100, Math.floor((progress.loaded / progress.total) * 100))
      bar.value = percent
      bar.textContent = percent + '%'
      if (percent === 100) {
        status.textContent = text(status, 'textProcessing', percent)
      } else if (percent - announced >= ANNOUNCE_STEP) {
        announced = percent - (percent % ANNOUNCE_STEP)
        status.textContent = text(status, 'textProgress', announced)
      }
    })
    request.addEventListener('load', () => {
      const type = request.getResponseHeader('Content-Type') || ''
      if (request.status >= 200 && request.status < 300 && type.indexOf('application/json') === 0) {
        try {
          const answer = JSON.parse(request.responseText)
          if (answer.location) {
            window.location.assign(answer.location)
            return
          }
        } catch (error) {
          // fall through to the failure message
        }
      }
      if (type.indexOf('text/html') === 0 && showPage(request.responseText)) {
        return
      }
      finish(text(status, 'textFailed', 0))
    })
    request.addEventListener('error', () => finish(text(status, 'textFailed', 0)))
    request.addEventListener('abort', () => finish(text(status, 'textFailed', 0)))
    request.send(new FormData(form))
  })
}

document.querySelectorAll('[data-module="upload-progress"]').forEach(enhance)
