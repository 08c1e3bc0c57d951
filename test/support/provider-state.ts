import { resetConfiguration } from "../../provider/configuration";
import { resetClients } from "../../provider/github-client";
import { resetPublicKeys } from "../../provider/public-keys";
import { resetRepositoryIds } from "../../provider/repositories";
import { resetValueSources } from "../../provider/value-source";
import { resetWriteJournal } from "../../provider/write-journal";

/** Each test is a fresh deployment: no configuration, cached keys, clients, journal or values read. */
export function resetProviderState(): void {
  resetConfiguration();
  resetClients();
  resetPublicKeys();
  resetRepositoryIds();
  resetWriteJournal();
  resetValueSources();
}
