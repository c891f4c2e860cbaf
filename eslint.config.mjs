// neostandard, as fastify/demo uses it: standard's style, for TypeScript
import neostandard from 'neostandard'

export default [
  ...neostandard({ ts: true, ignores: ['dist/**', 'coverage/**', '.tap/**', 'node_modules/**', '.stryker-tmp/**', 'reports/**', 'tap-snapshots/**', 'test/drf-oracle/**/*.py'] }),
  {
    rules: {
      // the codebase's own habits: `require` for what loads on first use (start-up cost), `any` only where marked
      '@typescript-eslint/no-require-imports': 'off',
      // TypeBox's idiom: a schema and its Static<> type share one name
      '@typescript-eslint/no-redeclare': 'off',
      // the house packs short related properties on one line (route options, test cases)
      '@stylistic/object-property-newline': 'off'
    }
  }
]
