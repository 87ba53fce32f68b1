import { StreamableFile } from '@nestjs/common';
import type { FileContent } from '@app/core';

/**
 * A stored document as a download: its media type comes from the content check made at
 * upload, never from the client; `nosniff` keeps browsers from guessing another one, and
 * `attachment` keeps a PDF's scripts out of the API's origin.
 */
export function fileReply({ file, content }: FileContent): StreamableFile {
  const ascii = file.originalName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return new StreamableFile(content, {
    type: file.mediaType,
    length: content.length,
    disposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
  });
}
