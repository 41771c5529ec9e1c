// Placeholder until the agent issue: the agent collects metrics and reports them to /ws-report.
console.error('sss-agent: not implemented yet');
process.exit(1);
