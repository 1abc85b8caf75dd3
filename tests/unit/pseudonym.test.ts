import { describe, expect, it } from 'vitest';
import { anchorOf, familyPseudonym, type AnchorPerson } from '../../src/main/core/reports/pseudonym';

const key = Buffer.from('a-key-the-central-project-hands-out-32b');
const household = (extra: Partial<AnchorPerson> = {}): AnchorPerson[] => [
  { firstName: 'Elif', lastName: 'Yılmaz', birthYear: 2016, role: 'child' },
  { firstName: 'Ayşe', lastName: 'Yılmaz', birthYear: 1988, role: 'parent', ...extra },
  { firstName: 'Mehmet', lastName: 'Yılmaz', birthYear: 1990, role: 'parent' },
];

describe('the family pseudonym for the central project', () => {
  it('is the same for the same family written down alike at two offices (case, dotless i, umlaut spellings, member order)', () => {
    const a = familyPseudonym(key, household());
    const b = familyPseudonym(key, [...household({ firstName: 'AYSE', lastName: 'Yilmaz' })].reverse());
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
  });

  it('differs for another person, another birth year, and under another key; says nothing readable', () => {
    const a = familyPseudonym(key, household())!;
    expect(familyPseudonym(key, household({ birthYear: 1989 }))).not.toBe(a);
    expect(familyPseudonym(key, household({ firstName: 'Fatma' }))).not.toBe(a);
    expect(familyPseudonym(Buffer.from('another-office-network-key-000000000'), household())).not.toBe(a);
    expect(a).not.toMatch(/yilmaz|ayse|1988/i);
  });

  it('anchors on the oldest parent, else the oldest adult, else the oldest person', () => {
    expect(anchorOf(household())!.firstName).toBe('Ayşe');
    expect(anchorOf([{ firstName: 'Kid', lastName: 'X', birthYear: 2015, role: 'child' }, { firstName: 'Oma', lastName: 'X', birthYear: 1950, role: 'other_adult' }])!.firstName).toBe('Oma');
    expect(familyPseudonym(key, [])).toBeNull();
  });
});
