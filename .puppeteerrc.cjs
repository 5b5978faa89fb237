// Puppeteer must not download its own browser: this machine (and many CI runners behind a proxy)
// cannot reach its download host. casebook finds a system Chromium at run time instead.
module.exports = { skipDownload: true };
