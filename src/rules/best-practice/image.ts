/** Container image references: [registry[:port]/]repository[:tag][@digest]. */

export interface ImageRef {
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImage(image: string): ImageRef {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const named = at >= 0 ? image.slice(0, at) : image;
  // A colon after the last slash separates the tag; one before it is a registry port.
  const colon = named.lastIndexOf(':');
  const hasTag = colon > named.lastIndexOf('/');
  const ref: ImageRef = { repository: hasTag ? named.slice(0, colon) : named };
  if (hasTag) ref.tag = named.slice(colon + 1);
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** Pinned by digest: the same reference always means the same bytes. */
export function isDigestPinned(ref: ImageRef): boolean {
  return ref.digest !== undefined && ref.digest !== '';
}

/** `:latest`, or no tag (which means :latest), and no digest. */
export function isLatest(ref: ImageRef): boolean {
  return !isDigestPinned(ref) && (ref.tag === undefined || ref.tag === '' || ref.tag === 'latest');
}
