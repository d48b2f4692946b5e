// API test program (reflect): a third level with no own fields and no methods of its own.
package game;

class Boss extends Player {}
