import { contextEventsSubject } from '@ccndr/contracts';
import { DurableConsumerSpec, EventBusTopology } from '@ccndr/messaging';
import { CommunityDirectory1764000001500 } from './community-directory.migration';
import { CommunityDirectoryWalls1764000009100 } from './community-directory-walls.migration';
import { CommunityDirectorySourceTimes1764000009200 } from './community-directory-source-times.migration';

export * from './community-directory.consumers';
export * from './community-directory.migration';
export * from './community-directory-walls.migration';
export * from './community-directory-source-times.migration';
export * from './organization-access';

/** The durable consumer a service needs to keep its community directory (community events only). */
export function communityDirectoryConsumer(durable: string, topology: EventBusTopology): DurableConsumerSpec {
  return { durable, filterSubject: contextEventsSubject('community', topology.namespace) };
}

/** The directory's tables, and their row-level security, in a service's migrations. */
export const communityDirectoryMigrations = [CommunityDirectory1764000001500, CommunityDirectoryWalls1764000009100, CommunityDirectorySourceTimes1764000009200];
