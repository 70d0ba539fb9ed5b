// The search filters fold behind "Filter results" so that on a phone the results start within a
// screen of the search button. On a wide screen there is room beside the results: open them.
const WIDE = '(min-width: 48.0625em)';

export function init(details) {
  if (window.matchMedia(WIDE).matches) details.open = true;
}
