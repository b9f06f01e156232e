/**
 * Entry of the custom functions bundle (webpack entry "functions"). The wrappers Excel calls live in
 * src/functions/excel/, one file per concept; custom-functions-metadata reads their JSDoc
 * (EXCEL_WRAPPER_FILES in webpack.config.js and the docs command) and the webpack plugin appends the
 * CustomFunctions.associate calls to each of them.
 */
import "./excel/curves";
import "./excel/esg";
import "./excel/esgCheck";
import "./excel/projection";
import "./excel/reserving";
import "./excel/tvfog";
import "./excel/valuation";
