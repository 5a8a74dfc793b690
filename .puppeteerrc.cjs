// Puppeteer must never download its own browser here: the only network is the npm registry
// and Debian's repositories. Debian's `chromium` package is the browser (.ci/run installs it).
module.exports = { skipDownload: true, executablePath: process.env.AUTHCONF_CHROMIUM || '/usr/bin/chromium' };
