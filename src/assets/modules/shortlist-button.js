// "Add to shortlist" and "Remove from shortlist" without leaving the page. Without JavaScript (or if
// this fails) the form posts as usual and the page comes back to the same result (its #anchor).
let status;

/** One polite live region for the page, made before anything is announced so screen readers notice changes. */
function liveRegion() {
  if (!status) {
    status = document.createElement('div');
    status.className = 'nhsuk-u-visually-hidden';
    status.setAttribute('role', 'status');
    document.body.append(status);
  }
  return status;
}

function updateNavigation(href, count) {
  for (const link of document.querySelectorAll(`.nhsuk-header a[href="${href}"]`)) {
    const text = count > 0 ? `Shortlist (${count})` : 'Shortlist';
    const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (/Shortlist/.test(node.nodeValue)) {
        node.nodeValue = node.nodeValue.replace(/Shortlist( \(\d+\))?/, text);
        break;
      }
    }
  }
}

export function init(form) {
  liveRegion();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.dataset.busy) return;
    form.dataset.busy = 'true';
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (!res.ok) throw new Error(`status ${res.status}`);
      const result = await res.json();
      const on = result.onShortlist === true;
      form.action = on ? form.dataset.removeAction : form.dataset.addAction;
      form.querySelector('[data-label]').textContent = on ? 'Remove from shortlist' : 'Add to shortlist';
      updateNavigation(form.dataset.shortlistHref, result.count);
      const title = form.closest('.app-result')?.querySelector('h2 a, h3 a')?.textContent?.trim() ?? 'The activity';
      liveRegion().textContent = `${title} ${on ? 'added to' : 'removed from'} your shortlist (${result.count} saved)`;
    } catch {
      delete form.dataset.busy;
      form.submit();
      return;
    }
    delete form.dataset.busy;
  });
}
