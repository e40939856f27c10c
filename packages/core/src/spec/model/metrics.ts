// Prometheus metrics declared by workflows and templates (Argo v1alpha1 `Metrics`).
import { bool, list, num, type ObjectSchema, object, oneOf, str } from '../schema/schema';
import type { Templated } from './k8s';

/** A label of a metric; the value may use `{{…}}` tags. */
export interface MetricLabel {
  key: string;
  value: string;
}
/** Schema of a MetricLabel. */
export const metricLabelSchema = object<MetricLabel>('MetricLabel', { key: str, value: str }, [
  'key',
  'value',
]);

/** A gauge: a value that is set, added to or subtracted from, optionally emitted while the step runs. */
export interface Gauge {
  value: string;
  realtime: boolean;
  operation?: 'Set' | 'Add' | 'Sub' | Templated;
}
/** Schema of a Gauge. */
export const gaugeSchema = object<Gauge>(
  'Gauge',
  { value: str, realtime: bool, operation: oneOf('Set', 'Add', 'Sub') },
  ['value', 'realtime'],
);

/** A histogram: observations of `value` sorted into upper-bound buckets. */
export interface Histogram {
  value: string;
  buckets: number[];
}
/** Schema of a Histogram. */
export const histogramSchema = object<Histogram>('Histogram', { value: str, buckets: list(num) }, [
  'value',
  'buckets',
]);

/** A counter, incremented by `value` each time the metric is emitted. */
export interface Counter {
  value: string;
}
/** Schema of a Counter. */
export const counterSchema = object<Counter>('Counter', { value: str }, ['value']);

/** One Prometheus metric: its name, help, labels, an optional condition, and exactly one kind. */
export interface Prometheus {
  name: string;
  labels?: MetricLabel[];
  help: string;
  when?: string;
  gauge?: Gauge;
  histogram?: Histogram;
  counter?: Counter;
}
/** Schema of a Prometheus metric. */
export const prometheusSchema = object<Prometheus>(
  'Prometheus',
  {
    name: str,
    labels: list(metricLabelSchema),
    help: str,
    when: str,
    gauge: gaugeSchema,
    histogram: histogramSchema,
    counter: counterSchema,
  },
  ['name', 'help'],
);

/** The custom metrics of a workflow or template. */
export interface Metrics {
  prometheus: Prometheus[];
}
/** Schema of a `metrics` block. */
export const metricsSchema: ObjectSchema<Metrics> = object<Metrics>(
  'Metrics',
  { prometheus: list(prometheusSchema) },
  ['prometheus'],
);
