/**
 * Whether a media type is covered by a binaryMediaTypes entry, as API Gateway matches the first Accept type
 * (../shared/aws/api-gateway.md §5.1, recorded): an exact match, an entry `type/*` with the same type, or the
 * documented `*\/*`. An entry with `*` on the left (`*\/test`) matches nothing.
 */
export function isCoveredByBinaryMediaTypes(mediaType: string, binaryMediaTypes: readonly string[]): boolean {
  const wanted = mediaType.toLowerCase().split(';')[0]?.trim() ?? '';
  const [type] = wanted.split('/');
  return binaryMediaTypes.some((entry) => {
    const listed = entry.toLowerCase();
    if (listed === '*/*' || listed === wanted) return true;
    const [listedType, listedSubtype] = listed.split('/');
    return listedSubtype === '*' && listedType !== '*' && listedType === type;
  });
}
