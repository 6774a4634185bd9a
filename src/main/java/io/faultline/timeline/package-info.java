/** The timeline index: time-sorted primitive arrays, range queries and bucket counts at any zoom. */
package io.faultline.timeline;
