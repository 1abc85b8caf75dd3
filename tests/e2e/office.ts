/** The office every e2e test sets up (on a single PC) or finds (on a hub made for it). */
export const OFFICE = {
  officeName: 'Familienstützpunkt Testhausen',
  officeLocation: 'Kaufbeuren',
  displayName: 'Clara Koordina',
  username: 'clara',
  password: 'Lindenblatt-Regen-42',
};
