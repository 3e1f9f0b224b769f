import { describe, expect, it } from 'vitest';
import type { Account } from '@travobooks/client';
import { accountTree, type AccountNode } from '../src/accounts';

function account(code: string, parent?: string): Account {
  return { code, name: code, type: 'ASSET', normal_side: 'DEBIT', status: 'OPEN', no_negative: false,
    ...(parent ? { parent } : {}) };
}

function outline(nodes: readonly AccountNode[], depth = 0): string[] {
  return nodes.flatMap((node) => [`${'  '.repeat(depth)}${node.account.code}`, ...outline(node.children, depth + 1)]);
}

describe('the chart as a tree', () => {
  it('puts each account under its parent, siblings in code order, whatever order they came in', () => {
    const chart = [account('1200', '1000'), account('2000'), account('1100', '1000'), account('1000'),
      account('1110', '1100')];
    expect(outline(accountTree(chart))).toEqual(['1000', '  1100', '    1110', '  1200', '2000']);
  });

  it('keeps an account whose parent is not shown at the top rather than hiding it', () => {
    expect(outline(accountTree([account('1110', '1100'), account('1200', '1000')]))).toEqual(['1110', '1200']);
  });

  it('is empty for no accounts', () => {
    expect(accountTree([])).toEqual([]);
  });
});
