// Whether the graph views publish their costly test hooks. data-highlighted-count needs a scan of
// every node on every hover, which readers should not pay for; it is written only when a test can be
// reading it: under browser automation (WebDriver's navigator.webdriver, which Playwright's Chromium
// sets), or when the page asks with ?test-hooks or <html data-test-hooks>. Cheap hooks (data-ready,
// data-hovered, …) are always written.

export interface HookSignals {
  /** navigator.webdriver */
  readonly webdriver: boolean | undefined;
  /** location.search */
  readonly search: string;
  /** <html data-test-hooks> is present */
  readonly htmlFlag: boolean;
}

export function testHooksEnabled(signals: HookSignals): boolean {
  return signals.webdriver === true || signals.htmlFlag || new URLSearchParams(signals.search).has('test-hooks');
}

/** The signals of the current page. */
export function pageSignals(): HookSignals {
  return { webdriver: navigator.webdriver, search: location.search, htmlFlag: document.documentElement.hasAttribute('data-test-hooks') };
}
