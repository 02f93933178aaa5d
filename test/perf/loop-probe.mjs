// Preloaded into a server by scale.bench.mjs (`node --import`): measures how late a 10 ms timer fires, which is how
// long the event loop was blocked, and answers the bench over IPC. The service's own code knows nothing of it.
const INTERVAL_MS = 10;
/** [epoch ms, ms the loop was blocked beyond the interval], for every lag over 5 ms. */
const stalls = [];
let last = performance.now();
setInterval(() => {
  const now = performance.now();
  const lag = now - last - INTERVAL_MS;
  if (lag > 5) stalls.push([Date.now(), Math.round(lag)]);
  last = now;
}, INTERVAL_MS).unref();

process.on('message', (message) => {
  if (message === 'stalls') process.send({ stalls });
});
process.channel?.unref();
