// A "Copy link" button beside the shared shortlist's link (and the phone's own share sheet where
// there is one). Without JavaScript the link can still be selected, emailed or texted.
function button(text) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0';
  b.textContent = text;
  return b;
}

async function copy(input) {
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    input.select();
    return document.execCommand('copy');
  }
}

export function init(group) {
  const input = group.querySelector('input');
  if (!input) return;
  input.addEventListener('focus', () => input.select());
  const actions = document.createElement('div');
  actions.className = 'app-actions app-share__buttons';
  const status = document.createElement('p');
  status.className = 'nhsuk-body-s app-share__status';
  status.setAttribute('role', 'status');
  const copyButton = button('Copy link');
  copyButton.addEventListener('click', async () => {
    status.textContent = (await copy(input)) ? 'Link copied. You can paste it into a message.' : 'Select the link and copy it.';
  });
  actions.append(copyButton);
  if (typeof navigator.share === 'function') {
    const shareButton = button('Share…');
    shareButton.addEventListener('click', () => navigator.share({ title: document.title, url: input.value }).catch(() => undefined));
    actions.append(shareButton);
  }
  group.after(actions, status);
}
