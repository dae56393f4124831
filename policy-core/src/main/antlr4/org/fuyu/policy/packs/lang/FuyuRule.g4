/*
 * The expressions of Fuyu's rule language (docs/rule-language.md): one criterion, derived value,
 * amount or table-cell template. Parsed into a syntax tree that the checker walks; nothing here is
 * ever evaluated as text. Precedence, loosest first: or, and, not, comparison, + -, * /, unary -.
 */
grammar FuyuRule;

expression : orExpr EOF ;

orExpr   : andExpr (OR andExpr)* ;
andExpr  : notExpr (AND notExpr)* ;
notExpr  : NOT notExpr | predicate ;

predicate : sum predicateTail? ;
predicateTail
    : op=(LT | LE | GT | GE | EQ | NE) sum      # compareTail
    | NOT? BETWEEN sum AND sum                  # betweenTail
    | NOT? IN valueList                         # inTail
    | HAS ANY valueList                         # hasAnyTail
    | HAS sum                                   # hasTail
    | SHORT OF sum                              # shortTail
    ;

sum      : product (sumOp product)* ;
sumOp    : PLUS | MINUS ;
product  : unary (productOp unary)* ;
productOp: STAR | SLASH ;
unary    : MINUS unary | postfix ;
postfix  : atom MONTHS? ;

atom
    : NUMBER                                    # numberAtom
    | (TRUE | FALSE)                            # boolAtom
    | PLACEHOLDER                               # placeholderAtom
    | IF orExpr THEN orExpr ELSE orExpr         # ifAtom
    | NAME LPAREN (arg (COMMA arg)*)? RPAREN    # callAtom
    | path                                      # pathAtom
    | LPAREN orExpr RPAREN                      # parenAtom
    ;

arg  : path WHERE orExpr                        # whereArg
     | orExpr                                   # plainArg
     ;
path : NAME (DOT NAME)* ;
valueList : LBRACK (sum (COMMA sum)*)? RBRACK ;

OR      : 'or' ;
AND     : 'and' ;
NOT     : 'not' ;
BETWEEN : 'between' ;
IN      : 'in' ;
HAS     : 'has' ;
ANY     : 'any' ;
IF      : 'if' ;
THEN    : 'then' ;
ELSE    : 'else' ;
WHERE   : 'where' ;
SHORT   : 'short' ;
OF      : 'of' ;
MONTHS  : 'months' | 'month' ;
TRUE    : 'true' ;
FALSE   : 'false' ;
LE      : '<=' ;
GE      : '>=' ;
NE      : '!=' ;
EQ      : '==' | '=' ;
LT      : '<' ;
GT      : '>' ;
PLUS    : '+' ;
MINUS   : '-' ;
STAR    : '*' | '\u00D7' ;
SLASH   : '/' ;
LPAREN  : '(' ;
RPAREN  : ')' ;
LBRACK  : '[' ;
RBRACK  : ']' ;
COMMA   : ',' ;
DOT     : '.' ;
PLACEHOLDER : '$' ;
NUMBER  : [0-9]+ ('.' [0-9]+)? ;
NAME    : [a-zA-Z_] [a-zA-Z_0-9]* ;
WS      : [ \t\r\n]+ -> skip ;
// anything else is one token the parser reports by position, so the lexer never fails on its own
OTHER   : . ;
