import { resetConfiguration } from "../../provider/deployment/configuration";
import { resetClients } from "../../provider/github/clients";
import { resetListings } from "../../provider/github/item-listings";
import { resetPublicKeys } from "../../provider/github/public-keys";
import { resetRepositoryIds } from "../../provider/github/repository-ids";
import { resetValueSources } from "../../provider/values/value-sources";
import { resetWriteJournal } from "../../provider/lifecycle/write-journal";

/** Each test is a fresh deployment: no configuration, cached keys, listings, clients, journal or values read. */
export function resetProviderState(): void {
  resetConfiguration();
  resetClients();
  resetListings();
  resetPublicKeys();
  resetRepositoryIds();
  resetWriteJournal();
  resetValueSources();
}
