// core/v1 compute resources of a container: requests, limits and dynamic resource claims.
import { list, map, object, str } from '../../schema/schema';
import { type Quantity, quantitySchema } from './scalars';

/** A resource claim of the pod that a container uses (dynamic resource allocation). */
export interface ResourceClaim {
  name: string;
  request?: string;
}
/** Schema of a ResourceClaim. */
export const resourceClaimSchema = object<ResourceClaim>('ResourceClaim', { name: str, request: str }, [
  'name',
]);

/** Resource requests and limits of a container (`cpu: 200m`, `memory: 1Gi`). */
export interface ResourceRequirements {
  limits?: Record<string, Quantity>;
  requests?: Record<string, Quantity>;
  claims?: ResourceClaim[];
}
/** Schema of ResourceRequirements. */
export const resourceRequirementsSchema = object<ResourceRequirements>('ResourceRequirements', {
  limits: map(quantitySchema),
  requests: map(quantitySchema),
  claims: list(resourceClaimSchema),
});
