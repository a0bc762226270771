// Loaded at the top of <body>, before the page is drawn: GOV.UK Frontend's styles for
// components that JavaScript enhances apply from the first paint. A file, not an inline
// script, so the Content-Security-Policy allows no inline script at all.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
