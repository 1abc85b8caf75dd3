import type { Role } from '../../../shared/roles';
import { contract, type MethodName } from '../../../shared/rpc/contract';
import { useSession } from './SessionContext';

/**
 * Whether a role may call a method, read from the contract the core enforces:
 * the UI shows what the role may do and never keeps a list of its own.
 */
export function roleMayCall(role: Role | undefined, method: MethodName): boolean {
  return role !== undefined && (contract[method].roles as readonly Role[]).includes(role);
}

/** Whether the person logged in may call `method` (to show or hide an area or a button). */
export function useCan(method: MethodName): boolean {
  const { status } = useSession();
  return roleMayCall(status.user?.role, method);
}
