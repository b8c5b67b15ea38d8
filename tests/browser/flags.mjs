// Chromium's flags for the tests and the benchmark: headless, no sandbox
// (containers), and nothing that reaches the network on its own.
export const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
