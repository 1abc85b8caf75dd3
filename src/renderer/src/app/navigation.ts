import { createContext, useContext } from 'react';
import type { Location } from './areas';

export interface Navigation {
  location: Location;
  /** Goes to a location; ignored when the role does not see its area. */
  navigate: (to: Location) => void;
}

export const NavigationContext = createContext<Navigation | null>(null);

/** Where the shell is and how to move: areas and their views live in memory, not in the URL (which carries the bridge token). */
export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation outside the shell');
  return navigation;
}
