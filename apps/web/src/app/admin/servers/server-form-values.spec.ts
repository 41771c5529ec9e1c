import type { AdminServer } from '@sss/contracts/constants';
import { createRequest, editRequest, formValuesOf, quotaOf, tagsOf } from './server-form-values';

const stored: AdminServer = {
  serverId: 'web-9',
  source: 'stored',
  name: 'Web 9',
  group: 'edge',
  countryCode: 'DE',
  tags: ['a', 'b'],
  hidden: true,
  notes: 'rack 4',
  traffic: { resetDay: 15, quotaBytes: 1024 ** 4, direction: 'max' },
  weight: 0,
};

describe('server form values', () => {
  it('fills the edit form from a server, and a blank one for a new server', () => {
    expect(formValuesOf(stored)).toEqual({
      serverId: 'web-9',
      name: 'Web 9',
      group: 'edge',
      countryCode: 'DE',
      tags: 'a, b',
      hidden: true,
      notes: 'rack 4',
      traffic: true,
      resetDay: '15',
      direction: 'max',
      quota: '1',
      quotaUnit: 'TiB',
    });
    expect(formValuesOf()).toMatchObject({
      serverId: '',
      tags: '',
      hidden: false,
      traffic: false,
      resetDay: '1',
      quota: '',
      quotaUnit: 'GB',
    });
  });

  it('writes a quota in the largest unit that keeps it whole', () => {
    expect(quotaOf(2e12)).toEqual({ value: 2, unit: 'TB' });
    expect(quotaOf(500 * 1024 ** 3)).toEqual({ value: 500, unit: 'GiB' });
    expect(quotaOf(1.5e9)).toEqual({ value: 1500, unit: 'MB' });
    expect(quotaOf(1234)).toEqual({ value: 0.000001234, unit: 'GB' });
  });

  it('edits every field and clears the emptied ones with null', () => {
    const values = { ...formValuesOf(stored), name: '  ', group: ' core ', countryCode: 'fr', notes: '', tags: '', quota: '' };
    expect(editRequest(values)).toEqual({
      name: null,
      group: 'core',
      countryCode: 'FR',
      tags: [],
      hidden: true,
      notes: null,
      traffic: { resetDay: 15, direction: 'max', quotaBytes: null },
    });
    expect(editRequest({ ...values, traffic: false }).traffic).toBeNull();
    expect(editRequest({ ...values, quota: '1.5', quotaUnit: 'TB' }).traffic).toEqual({
      resetDay: 15,
      direction: 'max',
      quotaBytes: 1.5e12,
    });
  });

  it('adds a server with the id and only the fields given', () => {
    const values = { ...formValuesOf(), serverId: ' web-10 ', name: 'Web 10', tags: 'x' };
    expect(createRequest(values)).toEqual({ serverId: 'web-10', name: 'Web 10', tags: ['x'], hidden: false });
    expect(createRequest({ ...values, traffic: true, resetDay: '31', quota: '2', quotaUnit: 'GiB' }).traffic).toEqual({
      resetDay: 31,
      direction: 'sum',
      quotaBytes: 2 * 1024 ** 3,
    });
  });

  it('reads tags separated by commas, without blanks and repeats', () => {
    expect(tagsOf(' edge, db ,, edge,')).toEqual(['edge', 'db']);
    expect(tagsOf('')).toEqual([]);
  });
});
