/**
 * How a CLI process ends: once stdout and stderr have handed every byte to
 * the OS, then process.exit with the documented code.
 *
 * A pipe on Linux takes 64 KiB at a time; what does not fit waits in the
 * process, and process.write() says true for anything under the stream's
 * high-water mark. A bare process.exit() drops that tail, so a replay piped
 * into a slow reader came out short with exit 0. Waiting here blocks as a
 * plain Unix program blocks on a full pipe; a signal still ends the process
 * at once (main's signal path exits without waiting).
 */
export async function endProcess(code: number): Promise<never> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

/** Settles when everything written before it has been handed to the OS (or the stream is gone). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  if (stream.destroyed || !stream.writable || stream.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => {
    // Writes complete in order: this empty write's callback runs after every earlier one.
    stream.write('', () => resolve());
    // A reader that went away (EPIPE) ends the wait too.
    stream.once('error', () => resolve());
    stream.once('close', () => resolve());
  });
}
