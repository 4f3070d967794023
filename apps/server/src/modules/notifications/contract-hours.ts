import { elapsedContractMinutes } from '../contracts/contract-clock.ts';
import type { ContractsService } from '../contracts/contracts.service.ts';
import type { BusinessHours } from './routing.ts';

/**
 * Business hours from the tenant's contract when it sets monitoring hours; a tenant on round-the-clock or
 * the default contract falls back to the hours in its notification policy.
 */
export function contractBusinessHours(contracts: ContractsService, fallback: BusinessHours): BusinessHours {
  return async (tenantId, at) => {
    const { contract, isDefault } = await contracts.get(tenantId);
    if (isDefault || contract.hours.mode !== 'business') return fallback(tenantId, at);
    return elapsedContractMinutes(at, at + 60_000, contract) > 0;
  };
}
