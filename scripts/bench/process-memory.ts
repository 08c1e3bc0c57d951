import { readdirSync, readFileSync } from "node:fs";

/**
 * The peak resident memory of the dynamic-provider host processes of one Pulumi workspace.
 * The engine starts the host (`node …/@pulumi/pulumi/cmd/dynamic-provider`) itself, so its pid
 * is not ours to know: we scan /proc for processes whose command line names the host and whose
 * environment carries this workspace's PULUMI_HOME (inherited from our `pulumi` command), and
 * read their VmHWM, the kernel's own high-water mark of resident memory. VmHWM never goes
 * down, so sampling every 100 ms catches the peak up to the last sample before the process
 * exits (the provider's last moments, after the last resource, are not where memory peaks).
 */
export class ProviderMemorySampler {
  private timer: NodeJS.Timeout | undefined;
  private readonly peaks = new Map<number, number>();

  /** `marker`: what the host's command line holds; the plugin's is its directory. */
  constructor(
    private readonly pulumiHome: string,
    private readonly marker = "dynamic-provider",
  ) {}

  start(): void {
    this.peaks.clear();
    this.sample();
    this.timer = setInterval(() => this.sample(), 100);
  }

  /** Stops sampling; the largest peak of any one host process, in bytes (0 when none was seen). */
  stop(): number {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    return Math.max(0, ...this.peaks.values());
  }

  private sample(): void {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, "latin1");
        if (!cmdline.includes(this.marker)) continue;
        const environ = readFileSync(`/proc/${pid}/environ`, "latin1").split("\0");
        if (!environ.includes(`PULUMI_HOME=${this.pulumiHome}`)) continue;
        const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "latin1"));
        if (hwm) this.peaks.set(pid, Math.max(this.peaks.get(pid) ?? 0, Number(hwm[1]) * 1024));
      } catch {
        // The process ended between listing and reading, or is not ours to read.
      }
    }
  }
}
