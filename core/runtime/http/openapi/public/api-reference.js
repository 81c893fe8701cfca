// Starts Redoc on the page's #api-reference element (api-reference-page.ts). A file of its own,
// not an inline script, because the page's Content-Security-Policy allows only 'self' scripts.
/* global Redoc */
(function start() {
  var root = document.getElementById('api-reference');
  Redoc.init(
    root.getAttribute('data-spec-url'),
    {
      // Redoc's search index runs in a blob: worker, which script-src 'self' forbids; the menu
      // lists every operation and the browser's find covers the rest.
      disableSearch: true,
      expandResponses: '200,201,202',
      requiredPropsFirst: true,
      jsonSampleExpandLevel: 'all',
      hideHostname: true,
      nativeScrollbars: true,
      theme: {
        typography: {
          fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
          headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
        },
      },
    },
    root,
  );
})();
