import type { TemperatureInfo } from '@sss/contracts/constants';

/** The sensor reading the highest temperature, the one worth showing on a card; undefined when the host reports none. */
export function hottestSensor(temperatures: readonly TemperatureInfo[] | undefined): TemperatureInfo | undefined {
  return temperatures?.reduce<TemperatureInfo | undefined>(
    (hottest, t) => (!hottest || t.celsius > hottest.celsius ? t : hottest),
    undefined,
  );
}
