import { TestBed } from '@angular/core/testing';
import { CountryFlagComponent, countryName } from './country-flag.component';

describe('CountryFlagComponent', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('names a flag by its code until the page is idle, then by the country in the current language', () => {
    const fixture = TestBed.createComponent(CountryFlagComponent);
    fixture.componentRef.setInput('countryCode', 'de');
    fixture.detectChanges();
    const img = () => (fixture.nativeElement as HTMLElement).querySelector('img')!;
    expect(img().getAttribute('src')).toBe('flags/de.svg');
    expect(img().alt).toBe('DE');

    jest.runOnlyPendingTimers(); // the idle callback that loads the region data
    fixture.detectChanges();
    expect(img().alt).toBe('Germany');
    expect(img().title).toBe('Germany');
    expect(countryName('jp', 'zh-CN')).toBe('日本');
    expect(countryName('xx', 'en')).toBe('XX'); // not a region Intl knows: the code
  });

  it('shows a blank box, not a broken image, for a missing or malformed code', () => {
    const fixture = TestBed.createComponent(CountryFlagComponent);
    fixture.componentRef.setInput('countryCode', 'Germany');
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('img')).toBeNull();
    expect(element.querySelector('.none')).not.toBeNull();
  });
});
