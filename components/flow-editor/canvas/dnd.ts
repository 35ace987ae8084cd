// dataTransfer type the palette sets on drag; the value is a catalog type.
export const DND_TYPE = 'application/x-riposte-node-type';
