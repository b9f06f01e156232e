/** CSV files imported as text (`?raw`): webpack's asset/source (webpack.config.js) and Vite's raw import in tests. */
declare module "*.csv?raw" {
  const text: string;
  export default text;
}
