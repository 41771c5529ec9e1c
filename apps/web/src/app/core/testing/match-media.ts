// jsdom has no matchMedia, which uPlot calls when it loads and the theme and charts follow: a media query
// that never matches (a light, non-retina screen). Import it before the code under test.
if (typeof globalThis.matchMedia !== 'function') {
  globalThis.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
