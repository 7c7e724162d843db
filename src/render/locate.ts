// Finding a row's figures for a period is shared with the headline pass, where it lives.
export * from '../infer/locate';
