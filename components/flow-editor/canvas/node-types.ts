// Node and edge types at module level: React Flow re-mounts every node when these objects change.
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { StepEdge } from './step-edge';
import { StepNode } from './step-node';

export const nodeTypes = { trigger: StepNode, action: StepNode, condition: StepNode, control: StepNode, unknown: StepNode } satisfies NodeTypes;
export const edgeTypes = { step: StepEdge } satisfies EdgeTypes;
