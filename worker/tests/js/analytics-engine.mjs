// A stand-in for Workers Analytics Engine on raw workerd, for the metrics tests: bound as the
// `TOKEN_METRICS` dataset through a wrapped binding (worker/tests/js/workerd.mjs, `metrics:
// true`), it prints each data point as one `ANALYTICS_ENGINE {…}` line on workerd's log. Its
// class is named as the runtime's, which workers-rs's `env.analytics_engine` checks.
class AnalyticsEngineDataset {
  writeDataPoint (point) {
    console.log('ANALYTICS_ENGINE ' + JSON.stringify(point ?? null))
  }
}

export default function makeBinding () {
  return new AnalyticsEngineDataset()
}
