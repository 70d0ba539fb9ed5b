// While a feed import runs in the background, its page asks itself again every 10 seconds and
// updates the progress and counts in place. Without JavaScript the "Refresh" link does the same.
// Progress is not announced on every change (too chatty); the end of the import is, once.
const EVERY_MS = 10000;

export function init(box) {
  const href = box.getAttribute('data-refresh-href');
  if (!href) return;
  const counts = document.getElementById('import-counts');
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.className = 'nhsuk-u-visually-hidden';
  box.after(status);
  let failures = 0;
  const timer = setInterval(async () => {
    try {
      const res = await fetch(href, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (!res.ok) throw new Error(String(res.status));
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      const fresh = doc.getElementById('import-progress');
      const freshCounts = doc.getElementById('import-counts');
      if (counts && freshCounts) counts.innerHTML = freshCounts.innerHTML;
      if (fresh) {
        box.innerHTML = fresh.innerHTML;
        return;
      }
      clearInterval(timer);
      box.innerHTML = '';
      const p = document.createElement('p');
      const link = document.createElement('a');
      link.href = href;
      link.textContent = 'See the full report';
      p.append('The import has finished. ', link);
      box.append(p);
      status.textContent = 'The import has finished.';
    } catch {
      if (++failures >= 3) clearInterval(timer);
    }
  }, EVERY_MS);
}
