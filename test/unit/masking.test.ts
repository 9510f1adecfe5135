import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskAddress, maskIdNumber, maskPhone } from '#shared/domain/masking.ts';

describe('masking', () => {
  it('keeps the length of any ID document and hides at least its middle', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{1,40}$/), (value) => {
        const masked = maskIdNumber(value)!;
        expect(masked.length).toBe(value.length);
        const visible = [...masked].filter((c) => c !== '*').length;
        expect(visible).toBeLessThanOrEqual(value.length < 6 ? 0 : Math.min(10, value.length - 3));
      }),
    );
  });

  it('masks an 18-character ID as region code + stars + last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('E12345678')).toBe('E******78');
  });

  it('masks phones and addresses without splitting rare characters', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskAddress('广东省广州市天河区𠮷祥路1号')).toBe('广东省广州市****');
    expect(maskAddress('𠮷祥路')).toBe('𠮷祥****');
  });
});
