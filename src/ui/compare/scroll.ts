// Bringing an element into view inside its own scrolling panel only. Element.scrollIntoView
// also scrolls every ancestor that can be scrolled programmatically, which shifts the whole
// app layout (toolbar out of sight) when the output pane sits in a fixed-height grid.

/** The nearest ancestor of `el` that scrolls vertically. */
function scroller(el: HTMLElement): HTMLElement | undefined {
  for (let p = el.parentElement; p; p = p.parentElement) {
    const overflow = getComputedStyle(p).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && p.scrollHeight > p.clientHeight) {
      return p;
    }
  }
  return undefined;
}

/** Scrolls the panel that holds `el` so that `el` starts near its top. */
export function revealInPanel(el: HTMLElement, margin = 8): void {
  const panel = scroller(el);
  if (!panel) return;
  const offset = el.getBoundingClientRect().top - panel.getBoundingClientRect().top;
  panel.scrollTop += offset - margin;
}
