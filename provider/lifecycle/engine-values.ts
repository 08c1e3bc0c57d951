/** What the engine sends for a value not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const isUnknown = (v: unknown): boolean => v === UNKNOWN;
export const isPresent = <T>(v: T): v is NonNullable<T> => v !== undefined && v !== null;
