import { contextEventsSubject } from '@ccndr/contracts';
import { DurableConsumerSpec, EventBusTopology } from '@ccndr/messaging';

export * from './community-directory.consumers';
export * from './community-directory.migration';
export * from './organization-access';

/** The durable consumer a service needs to keep its community directory (community events only). */
export function communityDirectoryConsumer(durable: string, topology: EventBusTopology): DurableConsumerSpec {
  return { durable, filterSubject: contextEventsSubject('community', topology.namespace) };
}
