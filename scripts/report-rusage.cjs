// Preloaded into the benchmarked process: reports its peak resident memory on exit.
process.on('exit', () => {
  const file = process.env.BENCH_RUSAGE_FILE;
  if (file) require('fs').writeFileSync(file, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
});
