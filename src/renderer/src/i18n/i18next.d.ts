import 'i18next';
import type { resources } from './index';

// Typed keys: a `t()` call with a key German lacks does not compile.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: (typeof resources)['de'];
    returnNull: false;
  }
}
