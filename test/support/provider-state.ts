import { resetConfiguration } from "../../provider/configuration";
import { resetClients } from "../../provider/github-client";
import { resetListings } from "../../provider/item-listings";
import { resetPublicKeys } from "../../provider/public-keys";
import { resetRepositoryIds } from "../../provider/repositories";
import { resetValueSources } from "../../provider/value-source";
import { resetWriteJournal } from "../../provider/write-journal";

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
