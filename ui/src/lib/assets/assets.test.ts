import { describe, expect, it } from 'vitest';
import { bin, cadastral, daysHeld, identifiersFor, identifiersText, ownerIdent, vin } from './assets';

describe('asset helpers', () => {
	it('checks a BIN like the core', () => {
		expect(bin('061211600012')).toBeNull();
		expect(bin('061211600013')?.rule).toBe('bin_check_digit');
		expect(bin('06121160001')?.rule).toBe('bin_length');
		expect(bin('06121160001a')?.rule).toBe('bin_digits');
		expect(bin('')?.rule).toBe('required');
		expect(ownerIdent('citizen', '061211600012')).toBeNull();
		expect(ownerIdent('citizen', '061211600013')?.rule).toBe('iin_check_digit');
	});

	it('checks a VIN and a cadastral number', () => {
		expect(vin('XTA21099043456789')).toBeNull();
		expect(vin('xta21099043456789')).toBeNull();
		expect(vin('XTA2109904345678O')?.rule).toBe('vin_format');
		expect(vin('XTA210990434567')?.rule).toBe('vin_format');
		expect(cadastral('01:011:123:456')).toBeNull();
		expect(cadastral('01-011')?.rule).toBe('cadastral_format');
	});

	it('knows the identifiers by kind', () => {
		expect(identifiersFor('vehicle')).toEqual({ vehicle: true, cadastral: false, serial: false });
		expect(identifiersFor('land').cadastral).toBe(true);
		expect(identifiersFor('equipment').serial).toBe(true);
		expect(identifiersFor('other')).toEqual({ vehicle: false, cadastral: false, serial: false });
		expect(identifiersText({ plate_number: '123ABC01', vin: 'V', cadastral_number: null, serial_number: null })).toBe('123ABC01 · V');
	});

	it('counts both ends of a holding, across months and leap years', () => {
		expect(daysHeld('2026-03-01', '2026-03-01')).toBe(1);
		expect(daysHeld('2026-03-01', '2026-03-30')).toBe(30);
		expect(daysHeld('2024-02-28', '2024-03-01')).toBe(3);
		expect(daysHeld('2026-03-02', '2026-03-01')).toBeNull();
	});
});
